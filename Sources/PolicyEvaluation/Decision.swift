/// The outcome of evaluating a request. `unknown` carries why the evaluator could not decide: it is never a pass.
public enum Decision: Sendable, Equatable {
    case allowed
    case explicitDeny
    case implicitDeny
    case unknown(String)
}
