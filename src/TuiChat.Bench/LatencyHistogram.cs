using System.Numerics;

namespace TuiChat.Bench;

/// <summary>
/// A log-linear histogram of latencies in <see cref="System.Diagnostics.Stopwatch"/> ticks:
/// 64 linear sub-buckets per power of two (under 1.6 % error), fixed size, no allocation per
/// value. One per receiver (single writer); merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxMagnitude = 48;
    private const int BucketCount = (MaxMagnitude - SubBucketBits + 1) * SubBuckets + SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }
    public long Max { get; private set; }

    public void Record(long ticks)
    {
        if (ticks < 0)
        {
            ticks = 0;
        }
        _counts[IndexOf(ticks)]++;
        Count++;
        if (ticks > Max)
        {
            Max = ticks;
        }
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100): the upper edge of its bucket, capped at the max.</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), Max);
            }
        }
        return Max;
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }
        int magnitude = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)value), MaxMagnitude);
        int shift = magnitude - SubBucketBits;
        int sub = (int)((value >> shift) & (SubBuckets - 1));
        return Math.Min((shift + 1) * SubBuckets + sub, BucketCount - 1);
    }

    private static long UpperEdge(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }
        int shift = (index / SubBuckets) - 1;
        long sub = index % SubBuckets;
        return ((SubBuckets + sub + 1) << shift) - 1;
    }
}
