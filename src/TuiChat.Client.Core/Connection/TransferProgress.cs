namespace TuiChat.Client.Core.Connection;

/// <summary>Bytes moved so far out of <see cref="Total"/> for one upload or download.</summary>
public readonly record struct TransferProgress(long Done, long Total)
{
    /// <summary>0–100; 100 for an empty total.</summary>
    public int Percent => Total <= 0 ? 100 : (int)(Done * 100 / Total);
}
