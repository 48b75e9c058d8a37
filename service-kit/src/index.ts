export { safeEqual, parseAuthorization, checkBearer } from './auth/credentials';
