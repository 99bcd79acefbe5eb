"""Language resources: word lists and name tables that stages share, one subpackage per language (`warta.lang.id`)."""
