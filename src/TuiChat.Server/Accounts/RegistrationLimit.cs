namespace TuiChat.Server.Accounts;

/// <summary>
/// Registrations per remote address in a sliding window: each costs a password hash (about
/// 0.3 CPU-seconds) and a row for ever, so one address may not create accounts without end.
/// A limit of 0 turns it off. Thread-safe.
/// </summary>
public sealed class RegistrationLimit(TimeProvider time, int max, TimeSpan window)
{
    private readonly SlidingWindowCounter _registrations = new(time, Math.Max(max, 1), window);
    private readonly Lock _gate = new();

    /// <summary>Counts a registration from <paramref name="address"/>; false when its allowance is used up.</summary>
    public bool TryTake(string address)
    {
        if (max <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            if (_registrations.IsFull(address))
            {
                return false;
            }
            _registrations.Add(address);
            return true;
        }
    }
}
