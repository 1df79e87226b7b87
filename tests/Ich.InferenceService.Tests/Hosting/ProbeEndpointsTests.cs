using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ich.InferenceService.Tests.Hosting;

[Collection(ServiceCollection.Name)]
public sealed class ProbeEndpointsTests(ServiceFixture fixture)
{
    [Fact]
    public async Task Healthz_AnswersUp()
    {
        using var response = await fixture.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("up", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WithPreferGpuAndNoGpu_IsReadyOnTheCpu()
    {
        using var response = await fixture.Client.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("cpu", body.GetProperty("device").GetString());
        Assert.Equal(fixture.Model.Card.Name, body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Models_ListsTheCardsIdentityLabelsAndInputContract()
    {
        var card = fixture.Model.Card;

        var body = await fixture.Client.GetFromJsonAsync<JsonElement>("/v1/models");

        var model = Assert.Single(body.GetProperty("models").EnumerateArray());
        Assert.Equal(card.Name, model.GetProperty("name").GetString());
        Assert.Equal(card.Version, model.GetProperty("version").GetString());
        Assert.Equal(card.Sha256, model.GetProperty("sha256").GetString());
        Assert.Equal(card.Labels, model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal(card.Input.InputSize, model.GetProperty("input").GetProperty("inputSize").GetInt32());
        Assert.Equal(card.Input.Windows.Count, model.GetProperty("input").GetProperty("windows").GetArrayLength());
    }
}
