"""salespipe: from the sales sheets French PMEs already keep to forecasts and clean CRM imports."""

__version__ = "0.1.0"
