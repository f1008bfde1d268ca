"""Getting ads in and results out: one ad (inputs), every table format (tables), files as a whole (files)."""
