namespace TuiChat.Server.Connections;

/// <summary>
/// The per-connection request rate limit: <c>burst</c> tokens, refilled at <c>ratePerSecond</c>,
/// one token per request. Time comes from the injected <see cref="TimeProvider"/>, so tests
/// drive it without sleeping. Used only by the connection's reader thread.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(TimeProvider time, double ratePerSecond, int burst)
    {
        _time = time;
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    /// <summary>Takes a token; false when the bucket is empty (the request is to be dropped).</summary>
    public bool TryTake()
    {
        if (_ratePerSecond <= 0)
        {
            return true;
        }
        DateTimeOffset now = _time.GetUtcNow();
        double elapsed = (now - _last).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_burst, _tokens + elapsed * _ratePerSecond);
            _last = now;
        }
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }
}
