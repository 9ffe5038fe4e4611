import CSndFile

/// An audio file opened with libsndfile from bytes in memory: the virtual IO stream and the handle
/// over it, closed and freed together. Must not outlive the bytes (use it inside
/// `withUnsafeBytes`); used by one thread.
final class SoundFile {
    private let stream: UnsafeMutablePointer<MemoryStream>
    private let handle: OpaquePointer
    /// What the header declares.
    let header: AudioHeader

    /// Opens `bytes` (through ``SndFileGate``, so a failure carries its own message).
    init(_ bytes: UnsafeRawBufferPointer) throws(SoundFileError) {
        let stream = UnsafeMutablePointer<MemoryStream>.allocate(capacity: 1)
        stream.initialize(to: MemoryStream(bytes))
        var io = MemoryStream.virtualIO
        var info = SF_INFO()
        switch SndFileGate.open(&io, &info, stream) {
        case let .success(handle):
            self.handle = handle
        case let .failure(error):
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw error
        }
        self.stream = stream
        header = AudioHeader(info)
    }

    deinit {
        sf_close(handle)  // before freeing the stream the handle reads
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decodes up to `frames` frames of interleaved floats into `buffer`; 0 at the end or on error.
    func readFrames(into buffer: UnsafeMutablePointer<Float>, frames: Int) -> Int {
        Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
    }

    /// libsndfile's message when reading failed (`sf_error` of this handle), else nil.
    var readError: String? {
        guard sf_error(handle) != 0 else { return nil }
        return sf_strerror(handle).map { String(cString: $0) } ?? "unknown libsndfile error"
    }

    /// Bytes after the furthest byte any read reached.
    var unreadBytes: Int64 {
        max(0, Int64(stream.pointee.count - stream.pointee.furthest))
    }

    /// The header parse log (`SFC_GET_LOG_INFO`): one line per chunk, with "(should be N)" where
    /// a size field disagrees with the file.
    func headerLog() -> String {
        var buffer = [CChar](repeating: 0, count: AudioLimits.logBytes)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            Int(sf_command(handle, Int32(SFC_GET_LOG_INFO), pointer.baseAddress, Int32(pointer.count - 1)))
        }
        let bytes = buffer.prefix(max(0, min(length, buffer.count - 1))).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
