import type { Type } from '@nestjs/common';

/** The REST resources (one controller per aggregate) and the feature modules the API mounts. */
export const RESOURCE_CONTROLLERS: Type[] = [];
export const RESOURCE_MODULES: Type[] = [];
