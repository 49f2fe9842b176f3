namespace TuiChat.Client.Tui;

/// <summary>
/// A list over a ring buffer: adding or removing at either end is O(1), reading by index is O(1),
/// inserting or removing elsewhere moves only the items on the nearer end's side. The log keeps its
/// newest lines this way: a line appended, the oldest dropped, a history page put in front.
/// </summary>
internal sealed class Deque<T>
{
    private T[] _items = new T[16];
    private int _head;

    public int Count { get; private set; }

    public T this[int index]
    {
        get => _items[Slot(index)];
        set => _items[Slot(index)] = value;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    public void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        if (Count == _items.Length)
        {
            Grow();
        }
        if (index < Count / 2)
        {
            _head = (_head - 1 + _items.Length) % _items.Length;
            Count++;
            for (int i = 0; i < index; i++)
            {
                this[i] = this[i + 1];
            }
        }
        else
        {
            Count++;
            for (int i = Count - 1; i > index; i--)
            {
                this[i] = this[i - 1];
            }
        }
        this[index] = item;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        if (index < Count / 2)
        {
            for (int i = index; i > 0; i--)
            {
                this[i] = this[i - 1];
            }
            this[0] = default!;
            _head = (_head + 1) % _items.Length;
        }
        else
        {
            for (int i = index; i < Count - 1; i++)
            {
                this[i] = this[i + 1];
            }
            this[Count - 1] = default!;
        }
        Count--;
    }

    private int Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        int slot = _head + index;
        return slot < _items.Length ? slot : slot - _items.Length;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }
        _items = bigger;
        _head = 0;
    }
}
