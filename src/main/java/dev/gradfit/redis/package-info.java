/**
 * The one Redis layer of gradfit: Lua scripts loaded from resources and run by EVALSHA, Redis's failures
 * translated into {@link dev.gradfit.model.StoreUnavailableException}, one pub/sub listener container and
 * one scheduler, shared by the model store, the jobs and anything later kept in Redis.
 */
package dev.gradfit.redis;
