import CSndFile

/// The C-compatible context behind libsndfile's virtual IO: a read-only view of the bytes already
/// read, a position, and the furthest byte any read reached (to find audio the decoder never read).
///
/// libsndfile gets a pointer to one of these as `user_data`; the callbacks in ``virtualIO`` capture
/// nothing, so they convert to C function pointers. The memory it views must outlive the handle.
struct MemoryStream {
    /// The first byte.
    let base: UnsafeRawPointer?
    /// The number of bytes.
    let count: sf_count_t
    /// The current position; may lie past the end after a seek, where reads return nothing.
    var position: sf_count_t = 0
    /// One past the last byte any read returned.
    var furthest: sf_count_t = 0

    /// A stream over `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        count = sf_count_t(bytes.count)
    }

    /// The callbacks, for `sf_open_virtual`; `write` refuses, the stream is read-only.
    static var virtualIO: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in
                guard let stream = user?.assumingMemoryBound(to: MemoryStream.self) else { return -1 }
                return stream.pointee.count
            },
            seek: { offset, whence, user in
                guard let stream = user?.assumingMemoryBound(to: MemoryStream.self) else { return -1 }
                let origin: sf_count_t
                switch whence {
                case SEEK_SET: origin = 0
                case SEEK_CUR: origin = stream.pointee.position
                case SEEK_END: origin = stream.pointee.count
                default: return -1
                }
                let (target, overflow) = origin.addingReportingOverflow(offset)
                guard !overflow, target >= 0 else { return -1 }
                stream.pointee.position = target
                return target
            },
            read: { destination, wanted, user in
                guard let stream = user?.assumingMemoryBound(to: MemoryStream.self), let destination,
                      let base = stream.pointee.base, wanted > 0 else { return 0 }
                let position = stream.pointee.position
                guard position < stream.pointee.count else { return 0 }
                let available = min(wanted, stream.pointee.count - position)
                destination.copyMemory(from: base + Int(position), byteCount: Int(available))
                stream.pointee.position = position + available
                stream.pointee.furthest = max(stream.pointee.furthest, position + available)
                return available
            },
            write: { _, _, _ in 0 },
            tell: { user in
                guard let stream = user?.assumingMemoryBound(to: MemoryStream.self) else { return -1 }
                return stream.pointee.position
            })
    }
}
