//! Endpoint rule-set support: the functions the generated resolvers call.
