import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import 'element-plus/theme-chalk/el-notification.css';
import '@/shared/styles/theme.css';
import { i18n } from '@/shared/i18n';
import App from './App.vue';
import { createAgentRouter } from './router';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(createAgentRouter());
app.mount('#app');
