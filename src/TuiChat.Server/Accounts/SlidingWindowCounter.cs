namespace TuiChat.Server.Accounts;

/// <summary>
/// Counts events per key within a sliding time window, keeping at most <c>max</c> timestamps per
/// key (more are never needed to tell whether the limit is reached). Keys whose events all aged out
/// are forgotten. Not thread-safe: the owner locks.
/// </summary>
public sealed class SlidingWindowCounter(TimeProvider time, int max, TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _events = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> has <c>max</c> events within the window.</summary>
    public bool IsFull(string key) => Count(key) >= max;

    public void Add(string key)
    {
        if (!_events.TryGetValue(key, out Queue<DateTimeOffset>? times))
        {
            _events[key] = times = new Queue<DateTimeOffset>();
        }
        times.Enqueue(time.GetUtcNow());
        while (times.Count > max)
        {
            times.Dequeue();
        }
    }

    public void Remove(string key) => _events.Remove(key);

    private int Count(string key)
    {
        if (!_events.TryGetValue(key, out Queue<DateTimeOffset>? times))
        {
            return 0;
        }
        DateTimeOffset now = time.GetUtcNow();
        while (times.Count > 0 && now - times.Peek() >= window)
        {
            times.Dequeue();
        }
        if (times.Count == 0)
        {
            _events.Remove(key);
        }
        return times.Count;
    }
}
