"""Getting ads in and results out: one ad (inputs), and every table format (tables)."""
