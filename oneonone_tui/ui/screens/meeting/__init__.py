"""The screens of a meeting in progress: review, sections, summary, the commitment form, and
the navigator that decides which comes next."""
