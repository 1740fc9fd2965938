"""reportgen: council committee performance reports from indicator data.

The flow, one package per stage, data moving forward only:
data -> indicators -> compose (with charts) -> model -> render (docx | html -> pdf) -> pack.
"""

__version__ = "0.1.0"
