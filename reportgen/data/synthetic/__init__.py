"""The synthetic example data: a fictional council, Example Borough, children's social care.

Used by ``reportgen.data.generate`` to write data/ and by tests and benchmarks to make
datasets of any size in memory. Deterministic: the same seed gives the same figures.
"""
