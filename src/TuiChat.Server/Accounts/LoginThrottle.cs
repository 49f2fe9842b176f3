namespace TuiChat.Server.Accounts;

/// <summary>
/// Counts failed logins per account and per remote address in a sliding window; once either
/// reaches the limit, logins for it are refused until old failures age out. This slows password
/// guessing against one account from many addresses and against many accounts from one address.
/// Time comes from the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class LoginThrottle
{
    private readonly TimeProvider _time;
    private readonly int _maxFailures;
    private readonly TimeSpan _window;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public LoginThrottle(TimeProvider time, int maxFailures, TimeSpan window)
    {
        _time = time;
        _maxFailures = maxFailures;
        _window = window;
    }

    /// <summary>True when the account or the address has too many recent failures.</summary>
    public bool IsBlocked(string accountKey, string address)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            return CountLocked("u:" + accountKey, now) >= _maxFailures || CountLocked("a:" + address, now) >= _maxFailures;
        }
    }

    public void RecordFailure(string accountKey, string address)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            Add("u:" + accountKey, now);
            Add("a:" + address, now);
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

    private void Add(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out Queue<DateTimeOffset>? times))
        {
            _failures[key] = times = new Queue<DateTimeOffset>();
        }
        times.Enqueue(now);
        while (times.Count > _maxFailures)
        {
            times.Dequeue();
        }
    }

    private int CountLocked(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out Queue<DateTimeOffset>? times))
        {
            return 0;
        }
        while (times.Count > 0 && now - times.Peek() >= _window)
        {
            times.Dequeue();
        }
        if (times.Count == 0)
        {
            _failures.Remove(key);
        }
        return times.Count;
    }
}
