import AssayCore
import Foundation
import Testing

/// Times in verdict lines: RFC 3339, UTC, to the second, matching the C library's calendar.
@Suite struct RFC3339Tests {
    @Test func formatMatchesGmtimeAcrossCenturiesLeapDaysAndNegativeTimes() {
        var time: Int64 = -2_208_988_800 // 1900-01-01
        while time < 4_102_444_800 { // 2100-01-01
            var t = time_t(time)
            var parts = tm()
            gmtime_r(&t, &parts)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                                  Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
            #expect(RFC3339.format(time) == expected)
            #expect(RFC3339.parse(expected) == time)
            time += 86_400 * 13 + 3_601 * 7 + 59
        }
        #expect(RFC3339.format(951_782_400) == "2000-02-29T00:00:00Z")
        // The fast path refuses what is not a date; the formatters read the other RFC 3339 forms.
        for bad in ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24 10:00:00Z", "2026-1a-24T10:00:00Z"] {
            #expect(RFC3339.parse(bad) == nil, "\(bad)")
        }
        #expect(RFC3339.parse("2026-11-24T11:00:00+01:00") == RFC3339.parse("2026-11-24T10:00:00Z"))
        #expect(RFC3339.parse("2026-11-24T10:00:00.250Z") == RFC3339.parse("2026-11-24T10:00:00Z"))
        #expect(RFC3339.day(1_764_000_000) == "2025-11-24")
    }
}
