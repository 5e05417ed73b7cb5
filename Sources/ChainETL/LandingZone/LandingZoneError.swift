/// The landing zone contradicts itself (an event without its block, an unknown format): something edited it by
/// hand or a migration is missing. Not transient: rerunning will not fix it.
public struct LandingZoneError: ChainETLError {
    public var problem: String

    public init(problem: String) {
        self.problem = problem
    }

    public var exitStatus: ExitStatus { .failure }
    public var isTransient: Bool { false }
    public var description: String { "landing zone: \(problem)" }
}
