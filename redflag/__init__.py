"""redflag: explainable red flags of labour exploitation, sexual-exploitation recruitment and job fraud in job ads."""

__version__ = "0.1.0"
