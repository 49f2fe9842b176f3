namespace TuiChat.Client.Core.ViewModels;

/// <summary>Client-side choices the view-models need besides the connection.</summary>
public sealed record ChatSettings
{
    /// <summary>Where <c>/save</c> writes; created when first needed. Nothing is ever written outside it.</summary>
    public string DownloadsFolder { get; init; } = "client_downloads";

    /// <summary>Messages fetched when a conversation opens and per <c>LoadOlder</c>.</summary>
    public int HistoryPageSize { get; init; } = TuiChat.Protocol.ProtocolLimits.DefaultHistoryLimit;

    /// <summary>Clock and local time zone for "HH:mm" stamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>End-to-end encrypted direct messages for a registered account; null (guests) sends them plain.</summary>
    public Encryption.EndToEndOptions? EndToEnd { get; init; }
}
