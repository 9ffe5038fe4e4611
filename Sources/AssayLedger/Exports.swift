// The ledger stores what the engine decides: its types are the ledger's vocabulary.
@_exported import AssayEngine
