namespace TuiChat.Server.Accounts;

/// <summary>
/// Counts failed logins per account and per remote address in a sliding window; once either
/// reaches the limit, logins for it are refused until old failures age out. This slows password
/// guessing against one account from many addresses and against many accounts from one address.
/// Time comes from the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class LoginThrottle(TimeProvider time, int maxFailures, TimeSpan window)
{
    private readonly SlidingWindowCounter _failures = new(time, maxFailures, window);
    private readonly Lock _gate = new();

    /// <summary>True when the account or the address has too many recent failures.</summary>
    public bool IsBlocked(string accountKey, string address)
    {
        lock (_gate)
        {
            return _failures.IsFull("u:" + accountKey) || _failures.IsFull("a:" + address);
        }
    }

    public void RecordFailure(string accountKey, string address)
    {
        lock (_gate)
        {
            _failures.Add("u:" + accountKey);
            _failures.Add("a:" + address);
        }
    }

    /// <summary>A successful login clears the account's failures (the address keeps its record).</summary>
    public void RecordSuccess(string accountKey)
    {
        lock (_gate)
        {
            _failures.Remove("u:" + accountKey);
        }
    }
}
