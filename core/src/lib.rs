//! The Cloud Pi Native maturity model, its content packs and the recommendation engine.
