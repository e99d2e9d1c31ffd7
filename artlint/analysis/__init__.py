"""Analyses of a document that several rules read: line features and the
learned scorers evaluated over them."""
