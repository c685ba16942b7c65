//! End-to-end tests: run the `newsdex` binary on temporary corpora.
