"""The sources the pipeline reads, declared one module per domain: SSB tables (`SsbTable`) and Bufdir
datasets (`BufdirDataset`), with the labels, codes and demo values their declarations need.

Kept apart from the asset modules so that they can be loaded without Dagster, pandas or Great
Expectations: the CLI checks a snapshot against every declared source before paying for those imports.
"""
