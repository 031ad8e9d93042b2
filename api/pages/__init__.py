"""What the HTML pages of the API show (entity pages, error pages), as plain data for the templates."""
