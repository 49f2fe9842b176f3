namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// An <see cref="IProgress{T}"/> that hands each report to the UI dispatcher. Unlike
/// <see cref="Progress{T}"/> it does not depend on a SynchronizationContext being present.
/// </summary>
internal sealed class DispatchedProgress<T>(IUiDispatcher dispatcher, Action<T> report) : IProgress<T>
{
    public void Report(T value) => dispatcher.Post(() => report(value));
}
