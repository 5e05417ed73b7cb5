#if canImport(Glibc)
import Glibc
#endif

/// glibc gives each thread that allocates its own malloc arena (up to eight per core), and an arena keeps the
/// memory of freed blocks for reuse by its own thread. scrape's workers each allocate and free ~9 MB answers,
/// so with four workers the process held freed answers in four arenas: peak RSS 205–240 MB. Two arenas hold
/// it near 186 MB at the same speed (measured on 300 mainnet-shaped blocks); fewer would make the workers
/// wait on each other's allocations.
public enum MallocArenas {
    /// Limits the process to `count` arenas; call before the worker threads start. Does nothing where the C
    /// library is not glibc.
    public static func limit(to count: Int) {
        #if canImport(Glibc)
        // `mallopt` and M_ARENA_MAX live in <malloc.h>, which the Glibc module does not bring into Swift.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMaximum: Int32 = -8
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMaximum, Int32(count))
        #endif
    }
}
