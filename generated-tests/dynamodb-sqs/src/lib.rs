//! Scenarios of the generated `dynamodb` and `sqs` clients against moto live in `tests/`; this
//! library is empty.
