"""Click commands, one module per capability; registered in toolkit.cli."""
