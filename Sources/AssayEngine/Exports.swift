@_exported import AssayKit
