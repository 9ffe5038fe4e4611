import CSndFile

/// What an opened file's header declares, before any sample is decoded.
struct AudioHeader: Equatable {
    /// The `container-codec` name (``AudioCodec``).
    let codec: String
    /// Samples per second per channel.
    let sampleRate: Int
    /// Interleaved channels.
    let channels: Int
    /// Frames the header declares; nil when libsndfile does not know (`SF_COUNT_MAX`).
    let declaredFrames: Int64?
    /// The container is Ogg, where a complete stream always declares its length.
    let isOgg: Bool
    /// MPEG audio (MP3, MP2): libsndfile's `declaredFrames` is only an estimate from the file
    /// size; ``MPEGFrames`` tells whether the stream is whole.
    let isMPEG: Bool
    /// Bits per sample of integer PCM (libsndfile's `PCM_S8`, `PCM_U8`, `PCM_16`, `PCM_24`,
    /// `PCM_32` subtypes, in any container, FLAC included): 8, 16, 24 or 32. Nil for float, lossy,
    /// companded and ADPCM codecs, which have no such depth.
    let bitDepth: Int?

    /// Reads libsndfile's `SF_INFO`.
    init(_ info: SF_INFO) {
        codec = AudioCodec.name(of: info.format)
        sampleRate = Int(info.samplerate)
        channels = Int(info.channels)
        declaredFrames = info.frames == Int64.max ? nil : Int64(info.frames)
        isOgg = Int(info.format) & Int(SF_FORMAT_TYPEMASK) == Int(SF_FORMAT_OGG)
        isMPEG = Int(info.format) & Int(SF_FORMAT_TYPEMASK) == Int(SF_FORMAT_MPEG)
        switch Int(info.format) & Int(SF_FORMAT_SUBMASK) {
        case Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8): bitDepth = 8
        case Int(SF_FORMAT_PCM_16): bitDepth = 16
        case Int(SF_FORMAT_PCM_24): bitDepth = 24
        case Int(SF_FORMAT_PCM_32): bitDepth = 32
        default: bitDepth = nil
        }
    }
}
