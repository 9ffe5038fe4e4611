/// libsndfile could not open a file: its error number and message.
struct SoundFileError: Error, Sendable {
    /// libsndfile's error number (`SFE_*`).
    let code: Int32
    /// libsndfile's message.
    let message: String
}
