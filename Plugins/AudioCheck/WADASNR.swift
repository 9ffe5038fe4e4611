#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blind SNR estimate by Waveform Amplitude Distribution Analysis (C. Kim and R. M. Stern,
/// "Robust Signal-to-Noise Ratio Estimation Based on Waveform Amplitude Distribution Analysis",
/// Interspeech 2008), from three running sums (``SampleKernel`` keeps them), so the audio never
/// has to be in memory.
///
/// The method models clean speech amplitudes as Gamma-distributed (shape 0.4) and the noise as
/// Gaussian; the statistic G = log(E|x|) − E[log|x|] of their sum grows with the SNR. The table
/// below maps G to SNR from −20 dB to 100 dB in 1 dB steps (the published table of D. Ellis's
/// `WADA_SNR.m` in snreval, `Alpha0.400000.mat`); G is interpolated linearly between entries,
/// and clamped to the table's ends.
///
/// Where it misleads (also in `audio.snr_low`'s meaning):
/// - a pure tone is not Gamma-distributed: its G is below the table's first entry, so it reads
///   −20 dB (the floor) however clean it is;
/// - noiseless synthetic or lossy-coded speech can have G beyond the last entry and read the
///   100 dB ceiling (espeak-ng's own WAV output reads 13 to 25 dB, its MP3 and Opus copies 100);
/// - music and other non-speech audio fit neither model, so their estimates mean little;
/// - exact digital zeros (padding, gated silence) would dominate E[log|x|]; they are ignored
///   here, which also makes the statistic independent of padding. Reference implementations
///   instead clamp |x| to 1e−10 after peak normalisation; with zeros ignored, peak
///   normalisation changes nothing (G is scale-free), so it is skipped.
/// Multichannel files pool the samples of every channel.
enum WADASNR {
    /// G for SNR = −20, −19, …, 100 dB.
    static let table: [Double] = [
        0.40974774, 0.40986926, 0.40998566, 0.40969089, 0.40986186, 0.40999006, 0.41027138, 0.41052627,
        0.41101024, 0.41143264, 0.41231718, 0.41337272, 0.41526426, 0.41781920, 0.42077252, 0.42452799,
        0.42918886, 0.43510373, 0.44234195, 0.45161485, 0.46221153, 0.47491647, 0.48883809, 0.50509236,
        0.52353709, 0.54372088, 0.56532427, 0.58847532, 0.61346212, 0.63954496, 0.66750818, 0.69583724,
        0.72454762, 0.75414799, 0.78323148, 0.81240985, 0.84219775, 0.87166406, 0.90030504, 0.92880418,
        0.95655449, 0.98353490, 1.01047155, 1.03620950, 1.06136425, 1.08579312, 1.10948190, 1.13277995,
        1.15472826, 1.17627308, 1.19703503, 1.21671694, 1.23535898, 1.25364313, 1.27103891, 1.28718029,
        1.30302865, 1.31839527, 1.33294817, 1.34700935, 1.36057270, 1.37345513, 1.38577122, 1.39733504,
        1.40856397, 1.41959619, 1.42983624, 1.43958467, 1.44902176, 1.45804831, 1.46669568, 1.47486938,
        1.48269965, 1.49034339, 1.49748214, 1.50435106, 1.51076426, 1.51698915, 1.52290970, 1.52857800,
        1.53389835, 1.53912110, 1.54390650, 1.54858517, 1.55310776, 1.55744391, 1.56164927, 1.56566348,
        1.56938671, 1.57307767, 1.57654764, 1.57980083, 1.58304129, 1.58602496, 1.58880681, 1.59162477,
        1.59419690, 1.59693155, 1.59944600, 1.60185011, 1.60408668, 1.60627134, 1.60826199, 1.61004547,
        1.61192472, 1.61369656, 1.61534074, 1.61688905, 1.61838916, 1.61985374, 1.62135878, 1.62268119,
        1.62390423, 1.62513143, 1.62632463, 1.62740270, 1.62842767, 1.62945532, 1.63033070, 1.63128026,
        1.63204102,
    ]
    /// The SNR of the table's first entry, dB.
    static let lowestDB = -20.0
    /// The SNR of the table's last entry, dB.
    static let highestDB = 100.0

    /// The estimate in dB from the sums over the nonzero samples (count, Σ|x|, Σ ln|x|), or nil
    /// when no sample was nonzero. G = ln(mean |x|) − mean ln|x|.
    static func decibels(count: Int, sumAbs: Double, sumLog: Double) -> Double? {
        guard count > 0, sumAbs > 0 else { return nil }
        let n = Double(count)
        return decibels(forG: log(sumAbs / n) - sumLog / n)
    }

    /// The table lookup: the last entry below `g`, interpolated towards the next one.
    static func decibels(forG g: Double) -> Double {
        guard let index = table.lastIndex(where: { $0 < g }) else { return lowestDB }
        guard index < table.count - 1 else { return highestDB }
        let fraction = (g - table[index]) / (table[index + 1] - table[index])
        return lowestDB + Double(index) + fraction
    }
}
