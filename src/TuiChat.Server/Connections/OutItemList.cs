using System.Buffers;

namespace TuiChat.Server.Connections;

/// <summary>
/// A list of an <see cref="Outbox"/>'s queued items whose arrays come from
/// <see cref="ArrayPool{T}.Shared"/> and go back to it when they are outgrown, or when the
/// connection goes idle (<see cref="Release"/>). The <see cref="List{T}"/> it replaces let go of the
/// array a lagging reader's queue had grown and grew a new one at its next burst: past 3,500 items
/// that is an array on the large object heap, and on the fan-out row without a window it was
/// 230–290 MB of such arrays a run and a dozen gen2 collections (docs/BENCHMARKS.md).
/// Slots past <see cref="Count"/> are always cleared, so an array goes back holding no frame or
/// event and comes out of the pool clean (no other code rents arrays of this internal type).
/// </summary>
internal sealed class OutItemList
{
    private const int FirstCapacity = 16;

    /// <summary>An idle list keeps an array this small, as the <see cref="List{T}"/> before it did, so a quiet connection rents nothing per line.</summary>
    private const int KeptCapacity = 256;

    private OutItem[] _items = [];
    private int _count;

    public int Count => _count;

    public OutItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _items[index];
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            _items[index] = value;
        }
    }

    public void Add(OutItem item)
    {
        if (_count == _items.Length)
        {
            Grow(_count + 1);
        }
        _items[_count++] = item;
    }

    /// <summary>Appends every item of <paramref name="other"/>, which is left as it was.</summary>
    public void AddRange(OutItemList other)
    {
        if (_count + other._count > _items.Length)
        {
            Grow(_count + other._count);
        }
        Array.Copy(other._items, 0, _items, _count, other._count);
        _count += other._count;
    }

    /// <summary>Removes the first <paramref name="n"/> items.</summary>
    public void RemoveFirst(int n)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)n, (uint)_count, nameof(n));
        Array.Copy(_items, n, _items, 0, _count - n);
        Array.Clear(_items, _count - n, n);
        _count -= n;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    /// <summary>Gives an empty list's array back to the pool unless it is small enough to keep.</summary>
    public void Release()
    {
        if (_count == 0 && _items.Length > KeptCapacity)
        {
            ArrayPool<OutItem>.Shared.Return(_items);
            _items = [];
        }
    }

    private void Grow(int needed)
    {
        OutItem[] next = ArrayPool<OutItem>.Shared.Rent(Math.Max(needed, Math.Max(FirstCapacity, _items.Length * 2)));
        Array.Copy(_items, next, _count);
        if (_items.Length > 0)
        {
            Array.Clear(_items, 0, _count);
            ArrayPool<OutItem>.Shared.Return(_items);
        }
        _items = next;
    }
}
