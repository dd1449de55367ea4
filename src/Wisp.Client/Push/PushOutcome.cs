namespace Wisp.Client.Push;

/// <summary>What a register or unregister came to.</summary>
/// <param name="Ok">True when the push server accepted it.</param>
/// <param name="Error">Why not, as a sentence (the server's code and message, or why it could not be reached).</param>
/// <param name="Changed">Register: true for a new subscription, false for a renewal. Unregister: true when the server had it.</param>
/// <param name="Registration">The registration as now kept (register only).</param>
public sealed record PushOutcome(bool Ok, string? Error, bool Changed, PushRegistration? Registration)
{
    internal static PushOutcome Failed(string error) => new(false, error, false, null);
}
