"""The reading surface: the cable text, its footnote apparatus, highlights and page gutter."""
