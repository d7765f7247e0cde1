import { ResponseError } from '@backstage/errors';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResourceProfile, resourceProfileSchema } from './profile';

/** @public The HTTP API of the resource-profiles backend plugin. */
export interface ResourceProfilesApi {
  /** The resolved profile of an entity, or undefined if it has none. */
  getProfile(entityRef: string | CompoundEntityRef): Promise<ResourceProfile | undefined>;
}

/** @public */
export interface ResourceProfilesClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Adds the caller's Backstage token; plain `fetch` sends none. */
  fetchApi?: { fetch: typeof fetch };
}

/** @public Typed client usable from the browser and from Node. */
export class ResourceProfilesClient implements ResourceProfilesApi {
  private readonly discoveryApi: ResourceProfilesClientOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: ResourceProfilesClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl = options.fetchApi?.fetch ?? fetch;
  }

  async getProfile(
    entityRef: string | CompoundEntityRef,
  ): Promise<ResourceProfile | undefined> {
    const ref =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    const path = [ref.kind, ref.namespace, ref.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.request(`/profiles/${path}`);
    if (response.status === 404) {
      return undefined;
    }
    return resourceProfileSchema.parse(await response.json());
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('resource-profiles');
    const response = await this.fetchImpl(`${baseUrl}${path}`, init);
    if (!response.ok && response.status !== 404) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
