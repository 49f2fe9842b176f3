using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Input;

/// <summary>
/// The rows an <see cref="InputBuffer"/> takes at a given width: a row ends at a line feed or
/// when the next grapheme cluster would not fit (<see cref="CellWidth"/>). Row starts are
/// cached; an edit re-wraps only from the row before the one it touched, so typing at the end
/// of a 4,000-character text re-measures one or two rows, not the text.
/// </summary>
public sealed class InputLayout
{
    private readonly InputBuffer _buffer;

    /// <summary>Start index of each row; complete when <see cref="_complete"/>.</summary>
    private readonly List<int> _rowStarts = [0];
    private bool _complete;
    private int _width = 1;

    public InputLayout(InputBuffer buffer)
    {
        _buffer = buffer;
        _buffer.Changed += (_, from) => Invalidate(from);
    }

    /// <summary>Columns a row may fill.</summary>
    public int Width
    {
        get => _width;
        set
        {
            int width = Math.Max(2, value);
            if (width != _width)
            {
                _width = width;
                Invalidate(0);
            }
        }
    }

    public int RowCount
    {
        get
        {
            EnsureComplete();
            return _rowStarts.Count;
        }
    }

    /// <summary>The text of <paramref name="row"/>, without its line feed.</summary>
    public ReadOnlySpan<char> Row(int row)
    {
        EnsureComplete();
        int start = _rowStarts[row];
        int end = row + 1 < _rowStarts.Count ? _rowStarts[row + 1] : _buffer.Length;
        ReadOnlySpan<char> text = _buffer.Span[start..end];
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>Row and column of the cursor.</summary>
    public (int Row, int Column) CursorCell()
    {
        int row = RowOf(_buffer.Cursor);
        int start = _rowStarts[row];
        return (row, CellWidth.Of(_buffer.Span[start.._buffer.Cursor]));
    }

    /// <summary>The index in <paramref name="row"/> nearest to <paramref name="column"/> (never past the row's end).</summary>
    public int IndexAt(int row, int column)
    {
        EnsureComplete();
        ReadOnlySpan<char> text = Row(row);
        int index = 0;
        int used = 0;
        while (index < text.Length)
        {
            int length = CellWidth.NextClusterLength(text[index..]);
            int width = CellWidth.OfCluster(text.Slice(index, length));
            if (used + width > column)
            {
                break;
            }
            used += width;
            index += length;
        }
        return _rowStarts[row] + index;
    }

    /// <summary>The row holding <paramref name="index"/>; a cursor at a soft break shows at the start of the next row.</summary>
    public int RowOf(int index)
    {
        EnsureComplete();
        int found = _rowStarts.BinarySearch(index);
        return found >= 0 ? found : ~found - 1;
    }

    private void Invalidate(int from)
    {
        int found = _rowStarts.BinarySearch(from);
        int row = found >= 0 ? found : ~found - 1;
        // The row before may now take clusters from this one (one was deleted or got narrower).
        int keep = Math.Max(1, row);
        if (keep < _rowStarts.Count)
        {
            _rowStarts.RemoveRange(keep, _rowStarts.Count - keep);
        }
        _complete = false;
    }

    private void EnsureComplete()
    {
        if (_complete)
        {
            return;
        }
        // Re-wrap from the last row still known (its end may have moved).
        int start = _rowStarts[^1];
        ReadOnlySpan<char> text = _buffer.Span;
        while (true)
        {
            int index = start;
            int used = 0;
            int next = -1;
            while (index < text.Length)
            {
                if (text[index] == '\n')
                {
                    next = index + 1;
                    break;
                }
                int length = CellWidth.NextClusterLength(text[index..Math.Min(text.Length, index + 64)]);
                int width = CellWidth.OfCluster(text.Slice(index, length));
                if (used + width > _width && index > start)
                {
                    next = index;
                    break;
                }
                used += width;
                index += length;
            }
            if (next < 0)
            {
                break;
            }
            _rowStarts.Add(next);
            start = next;
        }
        _complete = true;
    }
}
