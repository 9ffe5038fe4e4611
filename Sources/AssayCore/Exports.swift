// AssayCore is the run: Runner, CheckSession and the workers, over the engine and the ledger.
// Importing it gives the whole library, as before the engine and the ledger became modules.
@_exported import AssayEngine
@_exported import AssayLedger
