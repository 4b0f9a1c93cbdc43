"""Adapters to the engines users already run: :mod:`cleaner.integrations.datatrove` (Slurm, Ray, local).

Each adapter imports its engine, so install the matching extra first
(``pip install 'article-cleaner[datatrove]'``); nothing here is loaded by ``cleaner`` itself.
"""
