namespace TuiChat.Bench.Wire;

/// <summary>Where a scanner reports what it found in the received bytes.</summary>
internal interface IReceiveSink
{
    /// <summary>A chat message whose text starts with a bench <see cref="Marker"/>.</summary>
    void OnMarker(int sender, int seq, long sentTicks);

    /// <summary>
    /// Any other unit: a whole frame payload (TuiChat) or a line without its CR LF (IRC).
    /// The span is valid only during the call.
    /// </summary>
    void OnControl(ReadOnlySpan<byte> unit);
}
