namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Exponential backoff with jitter: attempt n waits between half and all of
/// min(max, initial·2ⁿ). The jitter spreads clients out so that a restarted server is not hit
/// by all of them in the same instant.
/// </summary>
public static class ReconnectBackoff
{
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * Math.Clamp(random, 0, 1)));
    }
}
