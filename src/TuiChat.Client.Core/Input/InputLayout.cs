using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.Input;

/// <summary>
/// The rows an <see cref="InputBuffer"/> takes at a given width: a row ends at a line feed or
/// when the next grapheme cluster would not fit (<see cref="CellWidth"/>). Row starts are
/// cached; an edit re-wraps only from the row before the one it touched. The last row also
/// keeps where each of its clusters ends and the cells up to there, so typing or erasing at its
/// end measures only the clusters touched: the 4,000th character costs what the 4th did.
/// </summary>
public sealed class InputLayout
{
    private readonly InputBuffer _buffer;

    /// <summary>Start index of each row; complete when <see cref="_complete"/>.</summary>
    private readonly List<int> _rowStarts = [0];

    /// <summary>The last row's cluster ends and the cells up to each, from (its start, 0): measured up to the last entry.</summary>
    private readonly List<(int Index, int Cells)> _lastRow = [(0, 0)];
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
        int cursor = _buffer.Cursor;
        int row = RowOf(cursor);
        if (row == _rowStarts.Count - 1 && LastRowCells(cursor) is { } cells)
        {
            return (row, cells);
        }
        return (row, CellWidth.Of(_buffer.Span[_rowStarts[row]..cursor]));
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
        if (_complete && (from > _rowStarts[^1] || _rowStarts.Count == 1) && from >= _lastRow[0].Index)
        {
            // Inside the last row, after its first cluster: the rows above keep their ends, and
            // the clusters before the edit keep theirs. Measure on from the one before the
            // edited cluster, which a joining character may have changed too.
            while (_lastRow.Count > 1 && _lastRow[^1].Index >= from)
            {
                _lastRow.RemoveAt(_lastRow.Count - 1);
            }
            _complete = false;
            return;
        }
        int found = _rowStarts.BinarySearch(from);
        int row = found >= 0 ? found : ~found - 1;
        // The row before may now take clusters from this one (one was deleted or got narrower).
        int keep = Math.Max(1, row);
        if (keep < _rowStarts.Count)
        {
            _rowStarts.RemoveRange(keep, _rowStarts.Count - keep);
        }
        StartLastRow(_rowStarts[^1]);
        _complete = false;
    }

    private void StartLastRow(int start)
    {
        _lastRow.Clear();
        _lastRow.Add((start, 0));
    }

    /// <summary>Cells from the last row's start to <paramref name="index"/>, when it is a cluster end measured there.</summary>
    private int? LastRowCells(int index)
    {
        int low = 0;
        int high = _lastRow.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) / 2;
            int at = _lastRow[mid].Index;
            if (at == index)
            {
                return _lastRow[mid].Cells;
            }
            if (at < index)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return null;
    }

    private void EnsureComplete()
    {
        if (_complete)
        {
            return;
        }
        // Go on from the last cluster end known in the last row (its start after a re-wrap).
        int start = _rowStarts[^1];
        (int index, int used) = _lastRow[^1];
        ReadOnlySpan<char> text = _buffer.Span;
        while (index < text.Length)
        {
            if (text[index] == '\n')
            {
                NewRow(index + 1);
                start = index + 1;
                index = start;
                used = 0;
                continue;
            }
            int length = CellWidth.NextClusterLength(text[index..Math.Min(text.Length, index + 64)]);
            int width = CellWidth.OfCluster(text.Slice(index, length));
            if (used + width > _width && index > start)
            {
                NewRow(index);
                start = index;
                used = 0;
                continue;
            }
            used += width;
            index += length;
            _lastRow.Add((index, used));
        }
        _complete = true;
    }

    private void NewRow(int start)
    {
        _rowStarts.Add(start);
        StartLastRow(start);
    }
}
