import CSndFile

/// Names a libsndfile format (`SF_INFO.format`) as `container-codec` (`wav-pcm16`, `ogg-opus`),
/// the names the `codecs` option lists. Containers whose codec is implied are one word (`flac`,
/// `mp3`, `mp2`).
enum AudioCodec {
    /// The names a `codecs` list may hold (checked when the config is loaded). Anything else
    /// libsndfile opens still gets a name, for the message, but can never be allowed.
    static let known: [String] = {
        let pcmContainers = ["wav", "aiff", "caf", "w64", "rf64", "au"]
        let pcmCodecs = ["pcm8", "pcm16", "pcm24", "pcm32", "float", "double", "ulaw", "alaw"]
        var names = pcmContainers.flatMap { container in pcmCodecs.map { "\(container)-\($0)" } }
        names += ["wav-ima-adpcm", "wav-ms-adpcm", "wav-gsm610", "aiff-ima-adpcm", "caf-alac16", "caf-alac24",
                  "flac", "ogg-vorbis", "ogg-opus", "mp3", "mp2"]
        return names
    }()

    /// The shipped allow-list: PCM and float WAV, FLAC, Ogg Vorbis, Opus and MP3.
    static let defaults = ["wav-pcm8", "wav-pcm16", "wav-pcm24", "wav-pcm32", "wav-float",
                           "flac", "ogg-vorbis", "ogg-opus", "mp3"]

    /// The name of `format`, split with `SF_FORMAT_TYPEMASK` and `SF_FORMAT_SUBMASK`.
    static func name(of format: Int32) -> String {
        let major = Int(format) & Int(SF_FORMAT_TYPEMASK)
        let minor = Int(format) & Int(SF_FORMAT_SUBMASK)
        switch major {
        case Int(SF_FORMAT_FLAC): return "flac"
        case Int(SF_FORMAT_MPEG): return minor == Int(SF_FORMAT_MPEG_LAYER_III) ? "mp3" : "mp2"
        default: return "\(containerName(major))-\(codecName(minor))"
        }
    }

    private static func containerName(_ major: Int) -> String {
        switch major {
        // WAVEFORMATEXTENSIBLE is the same container as WAV for a contributor.
        case Int(SF_FORMAT_WAV), Int(SF_FORMAT_WAVEX): return "wav"
        case Int(SF_FORMAT_AIFF): return "aiff"
        case Int(SF_FORMAT_AU): return "au"
        case Int(SF_FORMAT_CAF): return "caf"
        case Int(SF_FORMAT_W64): return "w64"
        case Int(SF_FORMAT_RF64): return "rf64"
        case Int(SF_FORMAT_OGG): return "ogg"
        case Int(SF_FORMAT_PAF): return "paf"
        case Int(SF_FORMAT_SVX): return "svx"
        case Int(SF_FORMAT_NIST): return "nist"
        case Int(SF_FORMAT_VOC): return "voc"
        case Int(SF_FORMAT_IRCAM): return "ircam"
        case Int(SF_FORMAT_MAT4): return "mat4"
        case Int(SF_FORMAT_MAT5): return "mat5"
        case Int(SF_FORMAT_PVF): return "pvf"
        case Int(SF_FORMAT_XI): return "xi"
        case Int(SF_FORMAT_HTK): return "htk"
        case Int(SF_FORMAT_SDS): return "sds"
        case Int(SF_FORMAT_AVR): return "avr"
        case Int(SF_FORMAT_SD2): return "sd2"
        case Int(SF_FORMAT_WVE): return "wve"
        case Int(SF_FORMAT_MPC2K): return "mpc2k"
        default: return "container0x" + String(major >> 16, radix: 16)
        }
    }

    private static func codecName(_ minor: Int) -> String {
        switch minor {
        case Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8): return "pcm8"
        case Int(SF_FORMAT_PCM_16): return "pcm16"
        case Int(SF_FORMAT_PCM_24): return "pcm24"
        case Int(SF_FORMAT_PCM_32): return "pcm32"
        case Int(SF_FORMAT_FLOAT): return "float"
        case Int(SF_FORMAT_DOUBLE): return "double"
        case Int(SF_FORMAT_ULAW): return "ulaw"
        case Int(SF_FORMAT_ALAW): return "alaw"
        case Int(SF_FORMAT_IMA_ADPCM): return "ima-adpcm"
        case Int(SF_FORMAT_MS_ADPCM): return "ms-adpcm"
        case Int(SF_FORMAT_GSM610): return "gsm610"
        case Int(SF_FORMAT_VOX_ADPCM): return "vox-adpcm"
        case Int(SF_FORMAT_NMS_ADPCM_16), Int(SF_FORMAT_NMS_ADPCM_24), Int(SF_FORMAT_NMS_ADPCM_32): return "nms-adpcm"
        case Int(SF_FORMAT_G721_32): return "g721"
        case Int(SF_FORMAT_G723_24), Int(SF_FORMAT_G723_40): return "g723"
        case Int(SF_FORMAT_DWVW_12), Int(SF_FORMAT_DWVW_16), Int(SF_FORMAT_DWVW_24), Int(SF_FORMAT_DWVW_N): return "dwvw"
        case Int(SF_FORMAT_DPCM_8), Int(SF_FORMAT_DPCM_16): return "dpcm"
        case Int(SF_FORMAT_VORBIS): return "vorbis"
        case Int(SF_FORMAT_OPUS): return "opus"
        case Int(SF_FORMAT_ALAC_16): return "alac16"
        case Int(SF_FORMAT_ALAC_20): return "alac20"
        case Int(SF_FORMAT_ALAC_24): return "alac24"
        case Int(SF_FORMAT_ALAC_32): return "alac32"
        default: return "codec0x" + String(minor, radix: 16)
        }
    }
}
